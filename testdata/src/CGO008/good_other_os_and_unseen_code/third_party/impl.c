int impl_answer(void) { return 42; }
