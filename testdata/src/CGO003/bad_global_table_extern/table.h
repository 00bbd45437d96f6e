extern const int *active_table;
void table_use(const int *t);
int table_lookup(int i);
