// PostRunDaemon
