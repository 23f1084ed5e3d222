print("postrun")
