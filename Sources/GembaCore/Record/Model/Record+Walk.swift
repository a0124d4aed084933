extension Record.Node {
  /// Walks trees depth first with an explicit stack, not the call stack: a why chain may be
  /// thousands of nodes deep (a generated or hostile notebook), deeper than a thread's stack
  /// holds frames for. `enter` sees each node before its children and `leave` after them, each
  /// with its depth below its root and its parent (nil for a root).
  public static func walk(
    _ roots: [Record.Node],
    enter: (_ node: Record.Node, _ depth: Int, _ parent: Record.Node?) -> Void,
    leave: (_ node: Record.Node, _ depth: Int, _ parent: Record.Node?) -> Void = { _, _, _ in }
  ) {
    for root in roots {
      enter(root, 0, nil)
      var stack: [(node: Record.Node, next: Int)] = [(root, 0)]
      while let top = stack.last {
        if top.next < top.node.children.count {
          let child = top.node.children[top.next]
          stack[stack.count - 1].next += 1
          enter(child, stack.count, top.node)
          stack.append((child, 0))
        } else {
          stack.removeLast()
          leave(top.node, stack.count, stack.last?.node)
        }
      }
    }
  }

  /// The trees' nodes depth first (each before its children), with their depth.
  public static func depthFirst(_ roots: [Record.Node]) -> [(node: Record.Node, depth: Int)] {
    var out: [(node: Record.Node, depth: Int)] = []
    walk(roots) { node, depth, _ in out.append((node, depth)) }
    return out
  }

  /// The greatest depth below a root (0 for roots alone, -1 for no trees).
  public static func depth(of roots: [Record.Node]) -> Int {
    var deepest = -1
    walk(roots) { _, depth, _ in deepest = max(deepest, depth) }
    return deepest
  }
}
