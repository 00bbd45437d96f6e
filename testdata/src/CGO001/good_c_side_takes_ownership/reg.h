void reg_adopt(char *name);
