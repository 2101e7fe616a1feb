// A shared library that is not a Lienket plugin (no SDK symbols): the loader must say so.
extern "C" int lienket_test_unrelated_function() { return 42; }
