"""One router per resource: checks, rules, health and metrics, the page and docs."""
