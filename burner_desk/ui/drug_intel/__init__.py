"""Drug intelligence: the call a detective logs on a case, and the police-only view of what circulates."""
