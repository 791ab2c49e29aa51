-- Schema 6: complaint forms, investigation reports and confirmation forms are kept
-- permanently (DOMAIN.md, retention). Not even raw SQL against the file deletes them.

CREATE TRIGGER complaints_are_permanent BEFORE DELETE ON complaints BEGIN
    SELECT RAISE(ABORT, 'complaint forms are kept permanently and cannot be deleted');
END;
CREATE TRIGGER investigations_are_permanent BEFORE DELETE ON investigations BEGIN
    SELECT RAISE(ABORT, 'investigation reports are kept permanently and cannot be deleted');
END;
CREATE TRIGGER confirmations_are_permanent BEFORE DELETE ON confirmations BEGIN
    SELECT RAISE(ABORT, 'confirmation forms are kept permanently and cannot be deleted');
END;
