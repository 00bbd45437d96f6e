module example.com/good_prose_mentions

go 1.19
