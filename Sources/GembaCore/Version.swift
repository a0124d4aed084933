public enum Gemba { public static let version = "0.1.0" }
