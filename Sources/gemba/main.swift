import GembaCore
print("gemba")
