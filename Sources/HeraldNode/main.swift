import StorageNode
print("node")
