"""Every write to the claims app goes through a function in this package."""
