module example.com/bad_aliased_sync_field_waitgroup

go 1.19
