import Foundation

/// The factors of Shewhart charts for subgroups of n = 2…25.
///
/// `table` is the published table to three or four decimals (Montgomery, Introduction to
/// Statistical Quality Control, 7th ed., Appendix VI; the same figures as ASTM E2587 and the ASTM
/// Manual on Presentation of Data and Control Chart Analysis, MNL 7). The charts use d₂ as
/// published (as qcc and the textbook's worked examples do), c₄ in closed form, and d₃ computed
/// to full precision by quadrature (the published three decimals would move R-chart limits by up
/// to 10⁻⁴ relative); beyond n = 25, d₂ is computed by quadrature too.
public enum ControlChartConstants {
  public struct Row: Hashable, Sendable {
    public var n: Int
    public var d2: Double, d3: Double, c4: Double
    public var a2: Double, a3: Double
    public var b3: Double, b4: Double
    public var d3Factor: Double, d4Factor: Double
  }

  /// Columns: n, d₂, d₃, c₄, A₂, A₃, B₃, B₄, D₃, D₄.
  public static let table: [Row] = [
    (2, 1.128, 0.853, 0.7979, 1.880, 2.659, 0, 3.267, 0, 3.267),
    (3, 1.693, 0.888, 0.8862, 1.023, 1.954, 0, 2.568, 0, 2.574),
    (4, 2.059, 0.880, 0.9213, 0.729, 1.628, 0, 2.266, 0, 2.282),
    (5, 2.326, 0.864, 0.9400, 0.577, 1.427, 0, 2.089, 0, 2.114),
    (6, 2.534, 0.848, 0.9515, 0.483, 1.287, 0.030, 1.970, 0, 2.004),
    (7, 2.704, 0.833, 0.9594, 0.419, 1.182, 0.118, 1.882, 0.076, 1.924),
    (8, 2.847, 0.820, 0.9650, 0.373, 1.099, 0.185, 1.815, 0.136, 1.864),
    (9, 2.970, 0.808, 0.9693, 0.337, 1.032, 0.239, 1.761, 0.184, 1.816),
    (10, 3.078, 0.797, 0.9727, 0.308, 0.975, 0.284, 1.716, 0.223, 1.777),
    (11, 3.173, 0.787, 0.9754, 0.285, 0.927, 0.321, 1.679, 0.256, 1.744),
    (12, 3.258, 0.778, 0.9776, 0.266, 0.886, 0.354, 1.646, 0.283, 1.717),
    (13, 3.336, 0.770, 0.9794, 0.249, 0.850, 0.382, 1.618, 0.307, 1.693),
    (14, 3.407, 0.763, 0.9810, 0.235, 0.817, 0.406, 1.594, 0.328, 1.672),
    (15, 3.472, 0.756, 0.9823, 0.223, 0.789, 0.428, 1.572, 0.347, 1.653),
    (16, 3.532, 0.750, 0.9835, 0.212, 0.763, 0.448, 1.552, 0.363, 1.637),
    (17, 3.588, 0.744, 0.9845, 0.203, 0.739, 0.466, 1.534, 0.378, 1.622),
    (18, 3.640, 0.739, 0.9854, 0.194, 0.718, 0.482, 1.518, 0.391, 1.608),
    (19, 3.689, 0.734, 0.9862, 0.187, 0.698, 0.497, 1.503, 0.403, 1.597),
    (20, 3.735, 0.729, 0.9869, 0.180, 0.680, 0.510, 1.490, 0.415, 1.585),
    (21, 3.778, 0.724, 0.9876, 0.173, 0.663, 0.523, 1.477, 0.425, 1.575),
    (22, 3.819, 0.720, 0.9882, 0.167, 0.647, 0.534, 1.466, 0.434, 1.566),
    (23, 3.858, 0.716, 0.9887, 0.162, 0.633, 0.545, 1.455, 0.443, 1.557),
    (24, 3.895, 0.712, 0.9892, 0.157, 0.619, 0.555, 1.445, 0.451, 1.548),
    (25, 3.931, 0.708, 0.9896, 0.153, 0.606, 0.565, 1.435, 0.459, 1.541),
  ].map {
    Row(n: $0.0, d2: $0.1, d3: $0.2, c4: $0.3, a2: $0.4, a3: $0.5, b3: $0.6, b4: $0.7, d3Factor: $0.8, d4Factor: $0.9)
  }

  /// d₂(2) = 2/√π, the mean of |X₁ − X₂| for standard normals, exactly: every individuals chart
  /// (the default XmR, `--chart imr`, capability's I-MR, Laney's σz) divides MR̄ by it, so they
  /// all give the same limits (the published 1.128 would move them in the 4th digit).
  public static let movingRangeD2 = 2 / Double.pi.squareRoot()
  /// d₃(2) = √(2 − 4/π), the standard deviation of |X₁ − X₂|, exactly.
  public static let movingRangeD3 = (2 - 4 / Double.pi).squareRoot()
  /// D₄(2) = 1 + 3d₃/d₂ = 3.2665…: the moving-range chart's upper limit is D₄·MR̄ (D₃ = 0).
  public static let movingRangeD4 = 1 + 3 * movingRangeD3 / movingRangeD2

  /// The largest subgroup size the range chart accepts (ranges waste information beyond it).
  public static let largestRangeSubgroup = 25

  /// The published row for a subgroup size, or nil outside 2…25.
  public static func row(_ n: Int) -> Row? { n >= 2 && n <= 25 ? table[n - 2] : nil }

  /// d₂(n) = E[range of n standard normals]: the published figure for n ≤ 25, else
  /// ∫ 1 − Φ(x)ⁿ − (1 − Φ(x))ⁿ dx by the trapezoid rule on ±12 (the integrand is smooth and
  /// decays like a Gaussian, so the rule converges geometrically: error below 1e-12).
  public static func d2(_ n: Int) -> Double {
    precondition(n >= 2, "d2 needs a subgroup of at least 2")
    return row(n)?.d2 ?? integratedD2(n)
  }

  /// d₃(n), the standard deviation of the range of n standard normals: `integratedD3(n)`, read
  /// from `integratedD3Table` for n = 2…25 (the quadrature takes about 3 ms, and every I-MR,
  /// X̄-R chart and capability study asks for it).
  public static func d3(_ n: Int) -> Double {
    precondition(n >= 2, "d3 needs a subgroup of at least 2")
    return n <= 25 ? integratedD3Table[n - 2] : integratedD3(n)
  }

  /// `integratedD3(n)` for n = 2…25, as it computes them (printed to round-trip exactly; a test
  /// checks each against the quadrature).
  static let integratedD3Table: [Double] = [
    0.8525024664273575, 0.8883680034933314, 0.8798082028246006, 0.8640819410989311,
    0.8480396861165074, 0.8332053356208592, 0.8198314897900537, 0.8078342745508316,
    0.7970506735162683, 0.7873146205464102, 0.7784783411986013, 0.7704162020580809,
    0.7630230956180878, 0.7562114297201934, 0.7499080894009662, 0.7440517839504773,
    0.7385908533665742, 0.7334814955058404, 0.7286863456926584, 0.7241733407012388,
    0.7199148084162458, 0.715886735471992, 0.7120681751262681, 0.7084407658649123,
  ]

  /// d₃(n) = √(E[W²] − d₂²), with E[W²] = 2 ∫₀^∞ ∫ 1 − (1 − Φ(x))ⁿ − Φ(x + w)ⁿ + (Φ(x + w) − Φ(x))ⁿ dx dw
  /// (the area of the triangle min < x < y < max is W²/2): Simpson's rule in w, the trapezoid rule in x.
  public static func integratedD3(_ n: Int) -> Double {
    precondition(n >= 2, "d3 needs a subgroup of at least 2")
    let hx = 0.1, hw = 0.02, steps = 500
    let xs = stride(from: -9.0, through: 9.0, by: hx).map { $0 }
    let lower = xs.map { NormalDistribution.cdf($0) }
    let upperTail = xs.map { pow(NormalDistribution.survival($0), Double(n)) }
    var total = 0.0
    for k in 0...steps {
      let w = Double(k) * hw
      var inner = 0.0
      for (i, x) in xs.enumerated() {
        let fy = NormalDistribution.cdf(x + w)
        inner += 1 - upperTail[i] - pow(fy, Double(n)) + pow(max(0, fy - lower[i]), Double(n))
      }
      let weight = k == 0 || k == steps ? 1.0 : (k % 2 == 1 ? 4.0 : 2.0)
      total += weight * inner * hx
    }
    let secondMoment = 2 * total * hw / 3
    let d2 = integratedD2(n)
    return (secondMoment - d2 * d2).squareRoot()
  }

  /// c₄(n) = √(2/(n − 1)) Γ(n/2) / Γ((n − 1)/2): E[s] / σ for a normal sample of n.
  public static func c4(_ n: Int) -> Double {
    precondition(n >= 2, "c4 needs a subgroup of at least 2")
    let m = Double(n)
    return (2 / (m - 1)).squareRoot()
      * exp(SpecialFunctions.logGamma(m / 2) - SpecialFunctions.logGamma((m - 1) / 2))
  }

  /// d₂ by quadrature (the published table rounds it to three decimals).
  public static func integratedD2(_ n: Int) -> Double {
    let h = 0.01
    var sum = 0.0
    for k in -1200...1200 {
      let x = Double(k) * h
      sum += 1 - pow(NormalDistribution.cdf(x), Double(n)) - pow(NormalDistribution.survival(x), Double(n))
    }
    return sum * h
  }
}
