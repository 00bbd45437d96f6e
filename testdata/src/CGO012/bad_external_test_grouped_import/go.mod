module example.com/bad_external_test_grouped_import

go 1.19
