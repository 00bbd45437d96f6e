module example.com/good_experiment_tag_split

go 1.19
