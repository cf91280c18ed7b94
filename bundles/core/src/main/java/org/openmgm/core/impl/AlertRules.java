package org.openmgm.core.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who receives membership-driven join and prune alerts (spec §4.4.3, §4.5.3), counted by
 * components ([RES Q10]). "Component" is the routing owner of the membership's interface, or IGMP
 * on an IGMP-only interface. Pure functions over the component sets before and after the change.
 *
 * <p>The calling client is left out only where spec [RES Q7] says so, in the "every other
 * registered client" rules; the "second component tells the first" and (S,G) rules name their
 * recipient and follow spec §5.6 step 4 and [RES Q11] literally. Decided here where the spec is
 * silent (spec §6 style): [OpenMGM A1] when the MGM removes memberships itself (releases,
 * ownership brackets), the client whose membership is removed plays the caller, as in spec §5.3
 * step 3 where the taker A is alerted and IGMP is not.
 */
final class AlertRules {

    private AlertRules() {
    }

    /** (*,G) and (*,*) keys: recipients of a join alert when {@code component} added a membership. */
    static List<Client> wildcardJoin(List<Client> before, List<Client> after, Client component, Client caller,
                                     Collection<Client> registered) {
        if (before.contains(component)) {
            return List.of();                                          // same component, another interface
        }
        if (after.size() == 1) {
            return allBut(registered, component, caller);              // first component: everybody else
        }
        if (after.size() == 2) {
            return others(after, component);                           // second: the first one only
        }
        return List.of();                                              // third and later: nobody
    }

    /** (*,G) and (*,*) keys: recipients of a prune alert when {@code component} removed a membership. */
    static List<Client> wildcardPrune(List<Client> before, List<Client> after, Client component, Client caller,
                                      Collection<Client> registered) {
        if (after.contains(component) || !before.contains(component)) {
            return List.of();                                          // the component keeps interfaces
        }
        if (after.isEmpty()) {
            return allBut(registered, component, caller);              // last one gone: everybody else
        }
        if (after.size() == 1) {
            return others(after, component);                           // one remains: tell it
        }
        return List.of();
    }

    /** (S,G) keys: the owner toward S hears of the first component joining ([RES Q11]). */
    static List<Client> sourceJoin(List<Client> before, Client component, Client ownerTowardSource) {
        return before.isEmpty() ? single(ownerTowardSource, component) : List.of();
    }

    /** (S,G) keys: the owner toward S hears of the last component leaving ([RES Q46]). */
    static List<Client> sourcePrune(List<Client> before, List<Client> after, Client component,
                                    Client ownerTowardSource) {
        return after.isEmpty() && before.contains(component)
                ? single(ownerTowardSource, component) : List.of();
    }

    private static List<Client> allBut(Collection<Client> registered, Client component, Client caller) {
        List<Client> out = new ArrayList<>(registered.size());
        for (Client c : registered) {
            if (c != component && c != caller) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Client> others(List<Client> present, Client component) {
        List<Client> out = new ArrayList<>(1);
        for (Client c : present) {
            if (c != component) {
                out.add(c);
            }
        }
        return out;
    }

    private static List<Client> single(Client recipient, Client component) {
        return recipient == null || recipient == component ? List.of() : List.of(recipient);
    }
}
