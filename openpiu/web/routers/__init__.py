"""HTTP routes, one module per screen family; each route declares its guard (see ``web.access``)."""
