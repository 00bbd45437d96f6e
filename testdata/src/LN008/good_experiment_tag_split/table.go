package layout

// Slots reports how many slots one table group holds under the map implementation this build
// targets.
func Slots() int { return groupSlots }
