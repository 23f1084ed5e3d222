// PostRunStore
