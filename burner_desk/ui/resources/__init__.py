"""Resources view: the referral directory by jurisdiction."""
