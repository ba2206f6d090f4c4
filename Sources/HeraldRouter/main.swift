import Router
print("router")
