module example.com/notes

go 1.22

require (
	gorm.io/driver/sqlite v1.5.7
	gorm.io/gorm v1.25.12
)
