"""IAM for state machines: what each Task needs from the state machine's role, whether a policy
grants it, and the least-privilege policy a definition needs."""
