"""Demo data for the five study countries: fictitious entities with realistic names,
places, legal forms and figures, and the priorities, committees, case studies, gaps and
national definitions around them. `surveys.demo` writes it through the services."""

from surveys.demo_data import kg, kh, mn, th, vn
from surveys.demo_data.records import DemoCountry

DEMO_COUNTRIES: tuple[DemoCountry, ...] = (kh.KH, kg.KG, mn.MN, th.TH, vn.VN)

__all__ = ["DEMO_COUNTRIES", "DemoCountry"]
