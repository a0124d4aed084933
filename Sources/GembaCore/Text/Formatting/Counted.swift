/// `3 whys`, `1 tree`: a count with its noun, plural when it is not one.
func counted(_ n: Int, _ noun: String, plural: String? = nil) -> String {
  "\(n) " + (n == 1 ? noun : plural ?? noun + "s")
}
