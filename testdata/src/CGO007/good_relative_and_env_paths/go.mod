module example.com/good_relative_and_env_paths

go 1.19
