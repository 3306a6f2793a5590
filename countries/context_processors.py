from django.http import HttpRequest

from countries.selectors import country_list, has_all_countries, memberships_of
from countries.vocabularies import Role


def navigation(request: HttpRequest) -> dict[str, object]:
    """The user's countries and whether they see all of them, for the navigation bar."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    roles = {role for _country, role in memberships_of(user)}
    return {
        "nav_countries": list(country_list(user=user)),
        "nav_all_countries": has_all_countries(user),
        "nav_roles": sorted(str(Role(role).label) for role in roles),
    }
