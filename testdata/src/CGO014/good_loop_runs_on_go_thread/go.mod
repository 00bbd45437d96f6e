module example.com/good_loop_runs_on_go_thread

go 1.19
