/** English strings of user scripts (sim.pm_script, sim.scheduler_script) and their examples (zh twin in script.zh.ts). */
export const scriptEn = {
  /** Status line when the watchdog stopped a run with a user script. */
  scriptStuckStatus: 'Stopped: a user script took too long',
  /** Heading of the watchdog's message. */
  scriptStuckHeading: 'The run was stopped',
  /** The watchdog's message: {s} seconds, {scripts} the JSON paths of the scripts. */
  scriptStuckText:
    'The run took longer than {s} s, so the simulation worker was stopped and replaced; the page kept working. A user script ({scripts}) probably loops forever: fix it and run again.',
  /** Name of the user-scripted scheduler. */
  'sched.script.title': 'script (user JavaScript)',
  /** Why a user-scripted scheduler chose a subflow: {reason} is the script's own reason. */
  'sched.script.why': 'the user script chose it: {reason}',
  /** Reason code of a user script's decision. */
  'sched.why.script': 'the user script chose it',
  /** Skip code: the user script chose another subflow. */
  'sched.skip.notChosen': 'the user script chose another subflow',
  /** Gallery: the addr_adv example. */
  galleryAddrAdvTitle: 'Scripted path manager: announce every address (addr_adv)',
  galleryAddrAdvText:
    'The server runs the userspace path manager, driven by a small JavaScript daemon in the spirit of mptcpd’s addr_adv plugin: when a connection is established it announces (ADD_ADDR) every other local address. The client’s in-kernel path manager accepts the announcements and opens one MP_JOIN subflow to each. The script is in the scenario file under sim.pm_script; edit it and run again.',
  /** Gallery: the sspi example. */
  gallerySspiTitle: 'Scripted path manager: a single subflow per interface (sspi)',
  gallerySspiText:
    'The client runs the userspace path manager with a JavaScript daemon in the spirit of mptcpd’s sspi plugin: each network interface carries at most one subflow. The server announces two addresses on path 2; the script opens a subflow to the first and ignores the second, because that interface is already in use.',
  /** Gallery: the scheduler-script example. */
  gallerySchedScriptTitle: 'Scripted packet scheduler: lowest RTT first',
  gallerySchedScriptText:
    'The client’s packet scheduler is a JavaScript function (sim.scheduler_script): for each burst of data it picks the usable subflow with the lowest smoothed RTT that still has congestion-window room, as the minRTT scheduler does, and gives its reason. Change it — try round-robin, or always the slow path — and see where the bytes go.',
};
