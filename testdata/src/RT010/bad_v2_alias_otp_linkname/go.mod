module example.com/bad_v2_alias_otp_linkname

go 1.22
