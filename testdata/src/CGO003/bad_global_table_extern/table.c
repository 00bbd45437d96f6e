#include "table.h"

const int *active_table;

void table_use(const int *t) { active_table = t; }

int table_lookup(int i) { return active_table ? active_table[i & 255] : -1; }
