/// Where gemba keeps what belongs to the person running it, by the XDG base directories: settings
/// and keys under `$XDG_CONFIG_HOME/gemba` (else `~/.config/gemba`), history and the record of
/// replays' writes under `$XDG_STATE_HOME/gemba` (else `~/.local/state/gemba`). Never beside a
/// notebook, which may have come from someone else.
enum UserFolders {
  /// `$XDG_CONFIG_HOME/gemba/NAME`, else `~/.config/gemba/NAME` (nil without either variable).
  static func config(_ name: String, environment: [String: String]) -> String? {
    path(name, base: "XDG_CONFIG_HOME", fallback: "/.config", environment: environment)
  }

  /// `$XDG_STATE_HOME/gemba/NAME`, else `~/.local/state/gemba/NAME` (nil without either variable).
  static func state(_ name: String, environment: [String: String]) -> String? {
    path(name, base: "XDG_STATE_HOME", fallback: "/.local/state", environment: environment)
  }

  private static func path(
    _ name: String, base: String, fallback: String, environment: [String: String]
  ) -> String? {
    if let folder = environment[base], !folder.isEmpty { return folder + "/gemba/" + name }
    if let home = environment["HOME"], !home.isEmpty { return home + fallback + "/gemba/" + name }
    return nil
  }
}
