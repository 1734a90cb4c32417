"""`python -m tui_clf`: the console script, run by a given interpreter (`tui-clf serve` starts each browser's app so)."""

from tui_clf.entry import main

main()
