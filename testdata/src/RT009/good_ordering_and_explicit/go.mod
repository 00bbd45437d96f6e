module example.com/good_ordering_and_explicit

go 1.19
