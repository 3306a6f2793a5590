from django.http import HttpRequest

from countries.selectors import country_list, has_all_countries


def navigation(request: HttpRequest) -> dict[str, object]:
    """The user's countries and whether they see all of them, for the navigation bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    memberships = list(user.memberships.all())  # type: ignore[attr-defined]
    return {
        "nav_countries": list(country_list(user=user)),
        "nav_all_countries": has_all_countries(user),
        "nav_roles": sorted({m.get_role_display() for m in memberships}),
        "nav_role_codes": {m.role for m in memberships},
    }
