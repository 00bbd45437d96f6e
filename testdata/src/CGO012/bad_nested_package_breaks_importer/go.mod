module example.com/bad_nested_package_breaks_importer

go 1.19
