package rules

// UnusedSuppression reports suppressions that hid nothing. Its findings are
// made by the driver through ApplySuppressions, after every other rule ran:
// the check itself reports nothing.
var UnusedSuppression = &Rule{
	ID:        "FL007",
	Name:      "unused-suppression",
	Title:     "a suppression comment hid no finding",
	Severity:  Low,
	Precision: VeryHigh,
	Tags:      []string{"tool", "suppression"},
	Needles:   SuppressionFiles,
	Doc: Doc{
		Why: "A suppression that hides nothing is left over from code that changed, or sits on " +
			"the wrong line (a comment alone on its line applies to the next line that is neither " +
			"blank nor a comment; a comment after code applies to its own line). Left in place, " +
			"it would silently hide the next real finding of that rule on that line.",
		Fix: "Remove the suppression, or move it to the line the finding is reported on. When the " +
			"finding comes and goes (it depends on a value set elsewhere), add `FL007` to the ids: " +
			"`# flasklint: ignore[FL201,FL007] reason`.",
		Limitations: "A suppression is only reported when every rule it names ran on its file: " +
			"rules left out by `--select`, `ignore` or `per-file-ignores` say nothing about it, " +
			"and neither does a partial run on other files.",
	},
	// NOTE: ApplySuppressions reports FL007; the check has nothing to read.
	Check: func(*Pass) error { return nil },
}
