module example.com/good_pkg_config_and_srcdir

go 1.19
