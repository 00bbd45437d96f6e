package spawn

// Version is all the portable part of the package offers.
const Version = "1"
