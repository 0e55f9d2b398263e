"""Performance suite (DESIGN.md section 8): every figure is a ratio against a baseline measured in the same
run, on this machine, so the numbers mean the same thing on a fast desktop and on a slow laptop."""
