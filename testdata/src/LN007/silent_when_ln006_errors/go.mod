module example.com/silent_when_ln006_errors

go 1.23
