package longs
