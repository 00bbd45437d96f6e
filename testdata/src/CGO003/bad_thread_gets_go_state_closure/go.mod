module example.com/bad_thread_gets_go_state_closure

go 1.19
