"""From a CV to an evidenced profile.

Takes bytes or text, the source name, a ``Taxonomy``, ``Limits`` and today's date; gives a ``Profile``
(``parse.parse_cv``, ``parse.profile_from_document``) or raises ``DocumentError`` with a one-line reason.
Steps, one module each: ``documents`` (file -> text), ``sections``, ``contact``, ``dates``, ``titles``,
``extract`` (skill mentions and how strong each is), ``scale``, ``preferences``, ``jsonresume``;
``parse`` assembles them. Imports only ``vocab``.
"""
