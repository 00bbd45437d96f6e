package main

func prepare() {
	tables = map[string]int{}
	loadWG.Add(1)
	awaitTables()
}

func awaitTables() {
	loadWG.Wait() // want RT001
}
