x = 1  # flasklint: ignore[FL2O1] a letter O instead of a zero
# want -1 "FL006 suppression-unknown-rule: suppression names what it cannot suppress: \"FL2O1\" is not a rule id or prefix"
y = 2  # flasklint: ignore[FL999] no such rule
# want -1 "FL006 .*no rule has the id FL999"
z = 3  # flasklint: ignore[FL001] a parse error may never be hidden
# want -1 "FL006 .*FL001 cannot be suppressed: a file that was not analysed is never taken for clean"
w = 4  # flasklint: ignore FL201 no brackets
# want -1 "FL006 .*malformed suppression: expected \".*: ignore\\[FL201\\] reason\", found"
v = 5  # flasklint: ignore[FL201,] an empty id
# want -1 "FL006 .*malformed suppression: ignore\\[FL201,\\] has an empty rule id"
u = 6  # flasklint: ignore[FL101,FL9] the valid id still applies, and is unused here
# want -1 "FL006 .*no suppressible rule id starts with FL9" "FL007 unused-suppression: suppression of FL101 hid nothing"
s = "# flasklint: ignore[FL999] inside a string, not a comment"
