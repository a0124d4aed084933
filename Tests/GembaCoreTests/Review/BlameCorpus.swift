/// Root-cause statements labelled as an auditor would: does the statement put the failure on a
/// person (a role, a name, a pronoun), or on the process, a tool, a document or a condition?
///
/// Written before the detector was built. `tuning` is what the detector was developed against;
/// `heldOut` was written at the same time and never used while tuning, so its numbers estimate
/// how the detector does on statements it has not seen.
///
/// Hard cases, and why they carry their label:
/// - A person who is the *recipient* of a shortfall is not blamed: "Operators were never given
///   the updated drawing", "The agent is not shown …" — the distribution or the screen failed.
/// - A person with an *inability* the system imposes is not blamed: "Agents cannot see …",
///   "The nurse has no way to see …", "Technicians must re-enter …".
/// - "Nobody owns …", "No one is assigned …": the absence of a role is a process gap.
/// - A person's slip explained by a process shortfall in the same statement ("skipped the check
///   because the checklist has no torque step") has reached the process, so it passes.
/// - Reported blame set against a systemic claim ("logged it as human error, but …") passes.
/// - "No training material exists …", "The training schedule skips night shift": training is a
///   thing here (a document, a schedule), and no person is said to lack it.
/// - "Somebody left the cold-room door open", "Customer service rep quoted the wrong amount":
///   no blame word, but a person is the subject of a faulty act, so they blame.
enum BlameCorpus {
  struct Statement: Sendable, CustomStringConvertible {
    let text: String
    let blames: Bool
    var description: String { (blames ? "blames: " : "systemic: ") + text }
  }

  static func blames(_ text: String) -> Statement { Statement(text: text, blames: true) }
  static func systemic(_ text: String) -> Statement { Statement(text: text, blames: false) }

  static var all: [Statement] { tuning + heldOut }

  static let tuning: [Statement] = [
    // Dispatch, field service
    blames("Dispatcher Maria did not read the photo notes"),
    systemic("The form has no field for the photo notes"),
    systemic("The dispatch screen does not show photo notes to the dispatcher"),
    blames("The technician skipped the leak test"),
    systemic("Nothing prompts the technician to re-check"),
    blames("The driver was not paying attention when reversing to the dock"),
    // Training as blame, training as a thing
    blames("Staff lack of training"),
    blames("The new hire was insufficiently trained on the labeller"),
    blames("Untrained temporary workers on the night shift"),
    systemic("The training material does not cover the new variant"),
    systemic("Onboarding has no hands-on session for the new tool"),
    systemic("No training material exists for the night-shift changeover"),
    systemic("The training schedule skips night shift"),
    // Manufacturing
    blames("The employee made a mistake"),
    blames("The operator forgot to torque the second bolt"),
    blames("Operators did not follow the lockout procedure"),
    blames("Operator error"),
    blames("Night-shift operators never calibrate the scale"),
    blames("The fitter omitted to fit the retaining clip"),
    blames("Engineers were complacent about the recurring warning"),
    systemic("No checklist step requires the operator to verify the torque"),
    systemic("The SOP gives operators no way to flag a missing part"),
    systemic("The torque wrench was out of calibration"),
    systemic("Operators were never given the updated drawing"),
    systemic("Technicians must re-enter the serial number in two systems"),
    systemic("The operator's checklist has no step for the torque check"),
    systemic("The operator skipped the torque check because the checklist has no torque step"),
    systemic("Work instructions are only in English while half the line reads Polish"),
    // Healthcare
    blames("The nurse failed to check the patient's wristband before giving the dose"),
    blames("The pharmacist was distracted and picked the wrong strength"),
    blames("She did not read the allergy note in the chart"),
    blames("They did not double-check the dosage calculation"),
    systemic("The wristband printer smudges the barcode, so scanners fail to read it"),
    systemic("The nurse has no way to see the pending lab result from the ward"),
    systemic("Staffing leaves one nurse for twelve beds on nights"),
    systemic("It is easy to forget the second step because nothing reminds anyone"),
    // IT operations
    blames("Our team overlooked the expiry date on the TLS certificate"),
    blames("The on-call engineer ignored the disk-space alert"),
    blames("The sysadmin made an error in the firewall rule"),
    blames("He forgot to log out of the shared terminal"),
    blames("Human error during order entry"),
    systemic("The deploy script does not check free disk space before it runs"),
    systemic("The release checklist did not include a rollback step"),
    systemic("The alert goes to a shared mailbox that nobody owns"),
    systemic("Incident report logged it as human error, but the scanner accepts any barcode"),
    systemic("The review blamed the operator, but the screen hides the field"),
    // Logistics, warehouse
    blames("Picker carelessness in aisle 4"),
    blames("Lack of attention by the packer"),
    blames("The warehouse supervisor neglected to update the pick list"),
    blames("Mistake by the receiving clerk"),
    systemic("Two similar part numbers sit in adjacent bins"),
    systemic("The pick list sorts items by SKU, not by bin location"),
    systemic("The handoff between day and night shift has no written checklist"),
    systemic("No one is assigned to check the seals at goods-in"),
    systemic("The label template prints the expiry date in 6-point type"),
    // Call centres, billing
    blames("Agent K. Smith closed the ticket without reading the customer's reply"),
    blames("Customer service rep quoted the wrong refund amount"),
    blames("The agent misunderstood the customer's request"),
    blames("John misread the work order"),
    blames("Maria's mistake on the March invoice"),
    blames("Maria from billing did not apply the credit note"),
    systemic("The system lets an agent close a ticket without a reason"),
    systemic("The agent is not shown the customer's previous tickets"),
    systemic("Agents cannot see the order date on the refund screen"),
  ]

  /// Never used while tuning the detector.
  static let heldOut: [Statement] = [
    blames("The picker grabbed the wrong carton"),
    blames("Careless handling by the forklift driver"),
    blames("Priya didn't escalate the P1 incident in time"),
    blames("The lab technician mislabelled the sample"),
    blames("Inspector overlooked the crack in the weld"),
    blames("The ward staff were not trained on the new infusion pump"),
    blames("Complacency among the maintenance crew"),
    blames("User error when resetting the password"),
    blames("The call-centre agent gave the customer an incorrect delivery date"),
    blames("Somebody left the cold-room door open overnight"),
    blames("The developer's mistake in the migration script"),
    systemic("The migration script has no dry-run mode"),
    systemic("The infusion pump menu shows mL/h and mg/h on the same screen"),
    systemic("Nobody owns the supplier approval list"),
    systemic("The cold-room door has no alarm when left open"),
    systemic("Escalation rules are not written down anywhere"),
    systemic("The password reset page does not say which account it resets"),
    systemic("The forklift route crosses the pedestrian walkway at the blind corner"),
    systemic("The schedule gives the maintenance crew no time for the weekly check"),
    systemic("The weld inspection standard does not require a dye-penetrant test on thin sections"),
    systemic("The courier portal defaults the delivery date to the order date"),
    systemic("The sample labels print before the tube is scanned, so labels get swapped"),
  ]
}
