// The `herald` admin CLI (pools, flavors, queue placement) — being written.
print("herald: not implemented yet")
