module example.com/good_ignore_pipe_and_query_urgent

go 1.19
