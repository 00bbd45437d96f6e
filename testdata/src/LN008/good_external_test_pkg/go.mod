module example.com/good_external_test_pkg

go 1.19
