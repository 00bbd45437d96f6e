module example.com/bad_loopvar_go118

go 1.22
