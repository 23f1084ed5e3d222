// PostRunAPI
